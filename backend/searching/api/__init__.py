"""The searching app's HTTP layer: views (views.py) and the parameters' and answers' serializers (serializers.py)."""
