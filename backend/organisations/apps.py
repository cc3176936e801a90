from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "backend.organisations"
    label = "organisations"
    verbose_name = "Cơ quan, đơn vị"

    def ready(self) -> None:
        from backend.accounts import selectors as accounts
        from backend.audit import selectors as audit
        from backend.catalogue import responsible
        from backend.organisations import selectors

        audit.narrow_by(selectors.audit_in_scope)  # a department's officers read their organisations' entries
        accounts.add_to_profile(selectors.profile_part)  # GET /auth/me/: where the user works
        responsible.use_subtree(selectors.subtree)  # GET /documents/?responsible=: the organisation's tree
