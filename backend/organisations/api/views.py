"""/api/v1/organisations/ (anyone reads the tree: the names of public bodies; admins write) and
/api/v1/memberships/ (admins only: who works where). Writes go through backend/organisations/services.py."""

from __future__ import annotations

from typing import Any

from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from backend.accounts.permissions import Capability, anyone_reads_writes_need, requires
from backend.organisations import selectors, services
from backend.organisations.api.serializers import MembershipSerializer, OrganisationSerializer
from backend.organisations.models import Membership, Organisation


def _input(data: dict[str, Any], instance: Organisation | None) -> services.OrganisationInput:
    def value(name: str, default: Any = None) -> Any:
        return data[name] if name in data else (getattr(instance, name) if instance else default)

    return services.OrganisationInput(
        code=value("code"),
        name=value("name"),
        kind=value("kind"),
        parent=value("parent"),
        valid_from=value("valid_from"),
        valid_until=value("valid_until"),
        succeeded_by=value("succeeded_by"),
        fields=data.get("fields"),
    )


class OrganisationViewSet(viewsets.ModelViewSet):  # type: ignore[type-arg]
    """Cơ quan, đơn vị / organisations: the province, the Sở Tư pháp, the departments, the communes."""

    serializer_class = OrganisationSerializer
    permission_classes = [anyone_reads_writes_need(Capability.ORGANISATIONS_WRITE)]
    lookup_field = "code"
    filterset_fields = ["kind"]
    ordering_fields = ["code", "name"]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self) -> Any:
        return selectors.organisations()

    def perform_create(self, serializer: BaseSerializer) -> None:  # type: ignore[type-arg]
        serializer.instance = services.save_organisation(
            actor=self.request.user, data=_input(serializer.validated_data, None)
        )

    def perform_update(self, serializer: BaseSerializer) -> None:  # type: ignore[type-arg]
        instance = serializer.instance
        serializer.instance = services.save_organisation(
            actor=self.request.user, data=_input(serializer.validated_data, instance), organisation=instance
        )

    def perform_destroy(self, instance: Organisation) -> None:
        services.delete_organisation(actor=self.request.user, organisation=instance)


class MembershipViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Ai làm việc ở đâu / who works where: a user's role in an organisation. Admins only. A second POST for the
    same user and organisation changes the role."""

    serializer_class = MembershipSerializer
    permission_classes = [requires(Capability.ORGANISATIONS_WRITE)]
    filterset_fields = ["organisation__code", "role"]

    def get_queryset(self) -> Any:
        return selectors.memberships_for(self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = MembershipSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        membership = services.set_membership(actor=request.user, **form.validated_data)
        return Response(MembershipSerializer(membership).data, status=201)

    def perform_destroy(self, instance: Membership) -> None:
        services.remove_membership(actor=self.request.user, membership=instance)
