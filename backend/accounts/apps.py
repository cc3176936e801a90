from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "backend.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và vai trò"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save, pre_save

        from backend.accounts import tokens

        user_model = get_user_model()
        pre_save.connect(tokens.remember_password_change, sender=user_model, dispatch_uid="hieuluc-pw-change-pre")
        post_save.connect(tokens.revoke_on_password_change, sender=user_model, dispatch_uid="hieuluc-pw-change-post")
