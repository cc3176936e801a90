export interface RowDocument {
  id: number;
  number: string;
  type: string;
  issuer: string;
  issued_on: string;
  title: string;
}

export interface AnnouncementRow {
  id: number;
  document: RowDocument;
  scope: "whole" | "partial";
  status: string;
  reason: string;
  reason_label: string;
  /** The reason as the published .docx words it: "Bị thay thế bởi văn bản số …" (backend/announcements/wording.py). */
  reason_text: string;
  since: string | null;
  provisions: { provision: string }[] | string[];
  removed: boolean;
  note: string;
}

export interface Announcement {
  id: number;
  year: number;
  title: string;
  issuers: string[];
  state: string;
  published_on: string | null;
  version: number;
  rows: AnnouncementRow[];
}
