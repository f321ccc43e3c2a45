from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "powerwith.budgets"
    label = "budgets"
