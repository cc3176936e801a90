"""The audit app's HTTP layer: the audit log's list view (views.py) and its serializer (serializers.py)."""
