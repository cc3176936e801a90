import type { Schema } from "../../../api";

/** An import job as GET /imports/{id}/ answers; its progress and report are JSON the schema leaves open. */
export type ImportJob = Omit<Schema<"ImportJob">, "progress" | "report"> & {
  progress: { stage: string; done: number; total: number; percent: number };
  report: {
    created?: Record<string, number>;
    updated?: Record<string, number>;
    unchanged?: Record<string, number>;
    errors?: RowError[];
    error?: { message_vi: string; message_en: string };
  };
};

/** A refused row, as people read it: where in words, the column by its label (never its raw key). */
export interface RowError {
  where: string;
  where_vi?: string;
  where_en?: string;
  label_vi?: string;
  label_en?: string;
  message_vi: string;
  message_en: string;
}

/** One column of the interchange format, as the template's guide describes it (GET /imports/template/?format=json). */
export type GuideEntry = Schema<"ImportColumn">;
