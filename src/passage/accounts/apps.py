from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "passage.accounts"
    label = "accounts"
    verbose_name = "Accounts and audit"
