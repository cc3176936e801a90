import type { ReactNode } from "react";
import { useI18n } from "../../../i18n";

/** Why an operation waits for an officer (each reason worded by the API), and what to do about it, if anything. */
export function Reasons({ reasons, children }: { reasons: readonly { code: string; message: string }[]; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="operation-reasons">
      <p className="muted">{t("ops.reasons")}:</p>
      <ul>
        {reasons.map((reason) => (
          <li key={reason.code}>{reason.message}</li>
        ))}
      </ul>
      {children}
    </div>
  );
}
