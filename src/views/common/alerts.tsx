// Toast alerts for the outcome of background actions, published through a context. Failures
// stay until the user closes them; successes fade.
import { AlertActionCloseButton, AlertGroup } from "@patternfly/react-core";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

import { _ } from "../../lib/i18n.ts";
import { Notice } from "./Notice.tsx";

export interface AlertMessage {
    variant: "success" | "danger" | "warning" | "info";
    title: string;
    detail?: string;
}

type AddAlert = (alert: AlertMessage) => void;

const AlertContext = createContext<AddAlert>(() => undefined);

export function useAddAlert(): AddAlert {
    return useContext(AlertContext);
}

const SUCCESS_TIMEOUT_MS = 6000;
let nextId = 0;

export function AlertProvider({ children }: { children: ReactNode }) {
    const [alerts, setAlerts] = useState<(AlertMessage & { id: number })[]>([]);
    const remove = useCallback((id: number) => setAlerts(list => list.filter(a => a.id !== id)), []);
    const add = useCallback<AddAlert>(alert => setAlerts(list => [...list, { ...alert, id: nextId++ }]), []);
    const value = useMemo(() => add, [add]);

    return (
        <AlertContext.Provider value={value}>
            {children}
            <AlertGroup isToast isLiveRegion>
                {alerts.map(alert => (
                    <Notice key={alert.id}
                           variant={alert.variant}
                           title={alert.title}
                           timeout={alert.variant === "success" ? SUCCESS_TIMEOUT_MS : false}
                           onTimeout={() => remove(alert.id)}
                           actionClose={<AlertActionCloseButton aria-label={_("Close")} onClose={() => remove(alert.id)} />}>
                        {alert.detail}
                    </Notice>
                ))}
            </AlertGroup>
        </AlertContext.Provider>
    );
}
