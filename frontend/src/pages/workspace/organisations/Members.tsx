import { useState, type FormEvent } from "react";
import { api, type Schema } from "../../../api";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { FieldErrors } from "../../../components/FieldErrors";
import { useI18n } from "../../../i18n";
import { useWrite } from "../../../useWrite";
import type { Organisation } from "../organisations";

type Membership = Schema<"Membership">;
type Role = Schema<"MembershipRoleEnum">;

export const ROLES: Role[] = ["reviewer", "legal_officer", "admin"];

// A second POST for the same user and organisation changes the role (the API's rule): one call for both.
async function setRole(user: string, organisation: string, role: Role): Promise<void> {
  await api<Membership>("/memberships/", { method: "POST", body: JSON.stringify({ user, organisation, role }) });
}

/** Who works in one organisation, with their role there: change it, remove them, add someone by username. */
export function Members({ organisation, members, onChanged }: { organisation: Organisation; members: Membership[]; onChanged: () => void }) {
  const { t } = useI18n();
  return (
    <div className="org-members">
      {members.length === 0 ? (
        <p className="muted">{t("orgs.noMembers")}</p>
      ) : (
        <ul className="org-member-list" aria-label={t("orgs.membersOf", { name: organisation.name })}>
          {members.map((membership) => (
            <MemberRow key={membership.id} membership={membership} onChanged={onChanged} />
          ))}
        </ul>
      )}
      <details className="org-add-member">
        <summary>{t("orgs.addMember")}</summary>
        <AddMemberForm organisation={organisation} onAdded={onChanged} />
      </details>
    </div>
  );
}

function MemberRow({ membership, onChanged }: { membership: Membership; onChanged: () => void }) {
  const { t } = useI18n();
  const { error, busy, run } = useWrite();
  // The role chosen shows at once, until the list read again after the write holds another role than the one it
  // was chosen over; a refusal puts the stored one back.
  const [chosen, setChosen] = useState<{ over: Role; role: Role } | null>(null);
  const selectId = `member-${membership.id}-role`;
  const change = (role: Role) => {
    setChosen({ over: membership.role, role });
    void run(async () => {
      await setRole(membership.user, membership.organisation, role);
      onChanged();
    }).then((done) => done || setChosen(null));
  };
  const remove = () => {
    if (!window.confirm(t("orgs.confirmRemoveMember", { user: membership.user }))) return;
    void run(async () => {
      await api<void>(`/memberships/${membership.id}/`, { method: "DELETE" });
      onChanged();
    });
  };
  return (
    <li className="org-member" data-testid="org-member">
      <strong className="org-member-name">{membership.user}</strong>
      <label className="visually-hidden" htmlFor={selectId}>
        {t("orgs.roleOf", { user: membership.user })}
      </label>
      <select id={selectId} value={chosen?.over === membership.role ? chosen.role : membership.role} disabled={busy} onChange={(event) => change(event.target.value as Role)}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={remove}
        aria-label={t("orgs.removeMemberNamed", { user: membership.user })}
      >
        {t("orgs.removeMember")}
      </button>
      {error && <ErrorMessage error={error} />}
    </li>
  );
}

function AddMemberForm({ organisation, onAdded }: { organisation: Organisation; onAdded: () => void }) {
  const { t } = useI18n();
  const [user, setUser] = useState("");
  const [role, setRoleChoice] = useState<Role>("reviewer");
  const { error, busy, run } = useWrite();
  const prefix = `org-${organisation.code}-new-member`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await setRole(user.trim(), organisation.code, role);
      setUser("");
      onAdded();
    });
  };
  return (
    <form className="org-member-form" onSubmit={submit} noValidate>
      {error && <ErrorMessage error={error} />}
      <div className="form-field">
        <label htmlFor={`${prefix}-user`}>{t("orgs.username")}</label>
        <input id={`${prefix}-user`} value={user} autoComplete="off" onChange={(event) => setUser(event.target.value)} />
        <FieldErrors messages={error?.fields.user} />
      </div>
      <div className="form-field">
        <label htmlFor={`${prefix}-role`}>{t("orgs.role")}</label>
        <select id={`${prefix}-role`} value={role} onChange={(event) => setRoleChoice(event.target.value as Role)}>
          {ROLES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`role.${choice}`)}
            </option>
          ))}
        </select>
        <FieldErrors messages={error?.fields.role ?? error?.fields.organisation} />
      </div>
      <button type="submit" disabled={busy}>
        {t("orgs.addMemberSubmit")}
      </button>
    </form>
  );
}
