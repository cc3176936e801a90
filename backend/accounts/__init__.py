"""Accounts: who is signed in, with which role, and what that role may do.

The same shape as every app: `api/` (views, serializers), `selectors.py` (reads), `services.py` (writes). It has no
`models.py`: users are Django's `User`, roles are Django groups (`roles.py`), API tokens are django-rest-knox's
`AuthToken` rows (`tokens.py`), browser sessions Django's (`sessions.py`). Beside those, the hooks that settings
name: DRF's authentication (`authentication.py`) and permission classes with the capabilities they check
(`permissions.py`), and django-axes' lockout answer and handler (`lockout.py`).
"""
