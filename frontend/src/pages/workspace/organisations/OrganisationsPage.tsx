import { useMemo, useState } from "react";
import type { Page, Schema } from "../../../api";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useI18n } from "../../../i18n";
import { useNames } from "../../../names";
import { usePageTitle } from "../../../pageTitle";
import { useApi } from "../../../useApi";
import type { Organisation } from "../organisations";
import { Members } from "./Members";
import { OrganisationForm } from "./OrganisationForm";
import { buildTree, isEnded, type OrgNode } from "./tree";

type Membership = Schema<"Membership">;

/** Everything a node of the tree needs besides itself; `reload` reads both lists again after a write. */
interface Context {
  organisations: Organisation[];
  byCode: Map<string, Organisation>;
  members: Map<string, Membership[]>;
  fieldNames: Record<string, string> | undefined;
  today: string;
  reload: () => void;
}

/**
 * Cơ quan, đơn vị (admins: `organisations.write`): the province's organisations as a tree, with their members.
 * Admins add and edit organisations and give users a role in one; every write goes through the API, which
 * validates (400 under the field), refuses deleting one in use (409) and audits.
 */
export function OrganisationsPage() {
  const { t } = useI18n();
  usePageTitle(t("orgs.title"));
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState(false);
  const suffix = version ? `&v=${version}` : "";
  const orgs = useApi<Page<Organisation>>(`/organisations/?page_size=500&ordering=name${suffix}`, { keepPrevious: true });
  const memberships = useApi<Page<Membership>>(`/memberships/?page_size=500${suffix}`, { keepPrevious: true });
  const names = useNames();
  const today = new Date().toISOString().slice(0, 10);
  const reload = () => setVersion((n) => n + 1);

  const context = useMemo<Context | null>(() => {
    if (!orgs.data) return null;
    const members = new Map<string, Membership[]>();
    for (const membership of memberships.data?.results ?? []) {
      members.set(membership.organisation, [...(members.get(membership.organisation) ?? []), membership]);
    }
    return {
      organisations: orgs.data.results,
      byCode: new Map(orgs.data.results.map((org) => [org.code, org])),
      members,
      fieldNames: names?.field,
      today,
      reload,
    };
  }, [orgs.data, memberships.data, names, today]);
  const tree = useMemo(() => (orgs.data ? buildTree(orgs.data.results, today) : []), [orgs.data, today]);

  return (
    <div className="organisations-page">
      <h1>{t("orgs.title")}</h1>
      <p>{t("orgs.intro")}</p>
      {orgs.error && <ErrorMessage error={orgs.error} />}
      {memberships.error && <ErrorMessage error={memberships.error} />}
      {memberships.data && memberships.data.count > memberships.data.results.length && (
        <p className="muted">{t("orgs.membersTruncated", { shown: memberships.data.results.length, count: memberships.data.count })}</p>
      )}
      {context && !adding && (
        <button type="button" onClick={() => setAdding(true)}>
          {t("orgs.add")}
        </button>
      )}
      {context && adding && (
        <OrganisationForm
          organisations={context.organisations}
          fieldNames={context.fieldNames}
          onSaved={() => {
            setAdding(false);
            reload();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {!context && !orgs.error && <p aria-busy="true">{t("common.loading")}</p>}
      {context && tree.length === 0 && <p>{t("orgs.none")}</p>}
      {context && tree.length > 0 && (
        <ul className="org-tree" aria-label={t("orgs.treeLabel")}>
          {tree.map((node) => (
            <OrgItem key={node.org.code} node={node} depth={0} context={context} />
          ))}
        </ul>
      )}
    </div>
  );
}

function OrgItem({ node, depth, context }: { node: OrgNode<Organisation>; depth: number; context: Context }) {
  const { t, date } = useI18n();
  const [editing, setEditing] = useState(false);
  const { org } = node;
  const ended = isEnded(org, context.today);
  const successor = org.succeeded_by ? (context.byCode.get(org.succeeded_by)?.name ?? org.succeeded_by) : null;
  const Heading = (["h2", "h3", "h4", "h5", "h6"] as const)[Math.min(depth, 4)];
  const headingId = `org-${org.code}-name`;
  const validity =
    org.valid_from && org.valid_until
      ? t("orgs.validity", { from: date(org.valid_from), until: date(org.valid_until) })
      : org.valid_from
        ? t("orgs.validFromOnly", { from: date(org.valid_from) })
        : org.valid_until
          ? t("orgs.validUntilOnly", { until: date(org.valid_until) })
          : null;
  const fields = (org.fields ?? []).map((code) => context.fieldNames?.[code] ?? code);
  return (
    <li className={ended ? "org-item ended" : "org-item"} data-testid="org-item" aria-labelledby={headingId}>
      <div className="org-card">
        <div className="org-head">
          <div>
            <Heading id={headingId} className="org-name">
              {org.name}
            </Heading>
            <p className="org-facts">
              <span className="badge badge-pending">{t(`orgs.kind.${org.kind}`)}</span>
              <span className="muted">{t("orgs.codeIs", { code: org.code })}</span>
              {validity && <span className="muted">{validity}</span>}
            </p>
          </div>
          {!editing && (
            <button
              type="button"
              className="secondary"
              onClick={() => setEditing(true)}
              aria-label={t("orgs.editNamed", { name: org.name })}
            >
              {t("orgs.edit")}
            </button>
          )}
        </div>
        {successor && <p className="org-merged">{t("orgs.mergedInto", { name: successor })}</p>}
        {!successor && ended && <p className="org-merged">{t("orgs.ended", { date: date(org.valid_until) })}</p>}
        {fields.length > 0 && <p className="muted">{t("orgs.fieldsAre", { names: fields.join("; ") })}</p>}
        <Members organisation={org} members={context.members.get(org.code) ?? []} onChanged={context.reload} />
        {editing && (
          <OrganisationForm
            organisation={org}
            organisations={context.organisations}
            fieldNames={context.fieldNames}
            onSaved={() => {
              setEditing(false);
              context.reload();
            }}
            onCancel={() => setEditing(false)}
          />
        )}
      </div>
      {node.children.length > 0 && (
        <ul className="org-tree">
          {node.children.map((child) => (
            <OrgItem key={child.org.code} node={child} depth={depth + 1} context={context} />
          ))}
        </ul>
      )}
    </li>
  );
}
