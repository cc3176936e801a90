"""The accounts app's HTTP layer: the sign-in, sign-out and who-am-I views (views.py) and their serializers."""
