import { useI18n } from "../i18n";
import { statusKey, statusTone } from "../status";

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${statusTone(status)}`} data-status={status}>
      {t(statusKey(status))}
    </span>
  );
}
