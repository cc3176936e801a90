// The yearly lists and the systematization, as the API answers them (types from the API's schema). A row's
// provisions are a JSON column the schema leaves open: computed rows hold {provision, status, reason}, rows
// added by hand may hold bare labels.
import type { Schema } from "../../api";

export type RowDocument = Schema<"ListDocument">;

type RowProvisions = { provision: string }[] | string[];

export type AnnouncementRow = Omit<Schema<"Row">, "provisions"> & { provisions: RowProvisions };

export type Announcement = Omit<Schema<"Announcement">, "rows"> & { rows: AnnouncementRow[] };

export type SystematizationAnswer = Schema<"Systematization">;
