// Sizes an element to reach from where it starts down to the bottom of the window (less a
// margin), so that a display scaled to fit it is seen whole without scrolling, whatever the
// window's height and whatever is shown above it.
import { type RefObject, useLayoutEffect } from "react";

/** Room kept below the element: the page's bottom padding. */
const BOTTOM_MARGIN_PX = 24;

/** Sets the CSS variable `name` on the element to the height that fits; the style sheet decides where it applies. */
export function useFitToWindow(element: RefObject<HTMLElement | null>, name: string): void {
    useLayoutEffect(() => {
        const target = element.current;
        if (!target) return;
        const fit = (): void => {
            // The distance from the document's top: the same whether or not the page is scrolled.
            const top = target.getBoundingClientRect().top + window.scrollY;
            target.style.setProperty(name, `${String(Math.floor(window.innerHeight - top - BOTTOM_MARGIN_PX))}px`);
        };
        fit();
        // What is above it (a message, the password form) comes and goes: the body changes size then.
        const observer = new ResizeObserver(fit);
        observer.observe(document.body);
        window.addEventListener("resize", fit);
        return () => {
            observer.disconnect();
            window.removeEventListener("resize", fit);
        };
    }, [element, name]);
}
