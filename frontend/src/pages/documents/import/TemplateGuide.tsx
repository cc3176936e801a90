import { useApi } from "../../../useApi";
import { useI18n } from "../../../i18n";
import type { GuideEntry } from "./importTypes";

const TEMPLATE = "/api/v1/imports/template/";

/** The template to fill in (.xlsx with its column guide, or one .csv per table) and the guide itself, all served by
 * the API from its one list of interchange columns. */
export function TemplateGuide() {
  const { t, lang } = useI18n();
  const { data } = useApi<GuideEntry[]>("/imports/template/?format=json");
  const tables = data ? [...new Set(data.map((entry) => entry.table))] : [];
  return (
    <section className="card" aria-labelledby="template-heading">
      <h2 id="template-heading">{t("import.template")}</h2>
      <p>{t("import.templateHelp")}</p>
      <ul className="template-downloads">
        <li>
          <a href={`${TEMPLATE}?format=xlsx&lang=${lang}`} download>
            {t("import.templateXlsx")}
          </a>
        </li>
        {(["documents", "authorities", "relations"] as const).map((table) => (
          <li key={table}>
            <a href={`${TEMPLATE}?format=csv&table=${table}&lang=${lang}`} download>
              {t(`import.templateCsv.${table}`)}
            </a>
          </li>
        ))}
        <li>
          <a href={`${TEMPLATE}?format=csv&table=guide&lang=${lang}`} download>
            {t("import.templateGuideCsv")}
          </a>
        </li>
      </ul>
      {data && (
        <details>
          <summary>{t("import.guide")}</summary>
          {tables.map((table) => {
            const entries = data.filter((entry) => entry.table === table);
            return (
              // Wide on a phone: it scrolls inside its own box, which the keyboard can reach.
              <div className="table-scroll" key={table} tabIndex={0} role="region" aria-label={entries[0].table_label}>
                <table className="guide">
                  <caption>{entries[0].table_label}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("import.guide.label")}</th>
                      <th scope="col">{t("import.guide.key")}</th>
                      <th scope="col">{t("import.guide.required")}</th>
                      <th scope="col">{t("import.guide.format")}</th>
                      <th scope="col">{t("import.guide.example")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((entry) => (
                      <tr key={entry.key}>
                        <th scope="row">{entry.label}</th>
                        <td>
                          <code>{entry.key}</code>
                        </td>
                        <td>{entry.required ? t("import.guide.yes") : t("import.guide.no")}</td>
                        <td>{entry.format}</td>
                        <td>{entry.example}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })}
        </details>
      )}
    </section>
  );
}
