import type { Vm } from "../../state/vm-types.ts";
import type { DomainConfigState } from "./use-domain-config.ts";

/** What every tab of the VM page gets: the VM as the store knows it and its XML configuration. */
export interface VmTabProps {
    vm: Vm;
    config: DomainConfigState;
}
