// One dialog at a time, opened from anywhere below the provider: show(<SomeDialog … />).
import { createContext, type ReactNode, useContext, useMemo, useState } from "react";

interface Dialogs {
    show: (dialog: ReactNode) => void;
    close: () => void;
}

const DialogsContext = createContext<Dialogs>({ show: () => undefined, close: () => undefined });

export function useDialogs(): Dialogs {
    return useContext(DialogsContext);
}

export function DialogsProvider({ children }: { children: ReactNode }) {
    const [dialog, setDialog] = useState<ReactNode>(null);
    const value = useMemo<Dialogs>(() => ({ show: setDialog, close: () => setDialog(null) }), []);
    return (
        <DialogsContext.Provider value={value}>
            {children}
            {dialog}
        </DialogsContext.Provider>
    );
}
