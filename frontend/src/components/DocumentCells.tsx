import { Link } from "react-router-dom";
import { useI18n } from "../i18n";

interface RowDocument {
  id: number;
  number: string;
  type: string;
  issued_on: string;
  title: string;
}

/** The first four columns of every official list: STT | Tên loại văn bản | Số, ký hiệu; ngày… | Tên gọi. */
export function DocumentHeadCells() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col">{t("col.stt")}</th>
      <th scope="col">{t("col.type")}</th>
      <th scope="col">{t("col.number")}</th>
      <th scope="col">{t("col.title")}</th>
    </>
  );
}

// data-label: on a phone the table stacks into one block per row, each cell under its column's name (styles.css).
export function DocumentCells({ index, document }: { index: number; document: RowDocument }) {
  const { t, date } = useI18n();
  return (
    <>
      <td data-label={t("col.stt")}>{index + 1}</td>
      <td data-label={t("col.type")}>{document.type}</td>
      <td data-label={t("col.number")}>
        <Link to={`/van-ban/${document.id}`}>{document.number}</Link>; {date(document.issued_on)}
      </td>
      <td data-label={t("col.title")} className="title-cell">
        {document.title}
      </td>
    </>
  );
}
