import { useI18n } from "../i18n";

/** A list's .docx (the official layout) and .xlsx, from the API's export address for each format. */
export function Downloads({ url }: { url: (format: "docx" | "xlsx") => string }) {
  const { t } = useI18n();
  return (
    <p className="downloads">
      <a href={url("docx")} download>
        {t("lists.downloadDocx")}
      </a>
      <a href={url("xlsx")} download>
        {t("lists.downloadXlsx")}
      </a>
    </p>
  );
}
