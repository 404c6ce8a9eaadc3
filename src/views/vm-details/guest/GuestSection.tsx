// One titled card of the Guest tab.
import { Card, CardBody, CardTitle, Title } from "@patternfly/react-core";
import type { ReactNode } from "react";

export function GuestSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
    return (
        <Card id={id} isPlain isCompact>
            <CardTitle><Title headingLevel="h3">{title}</Title></CardTitle>
            <CardBody>{children}</CardBody>
        </Card>
    );
}
