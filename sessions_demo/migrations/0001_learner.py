"""The demo user of /beyond/login/: learner, with the password "sessions"."""

from django.contrib.auth.hashers import make_password
from django.db import migrations

USERNAME = "learner"
PASSWORD = "sessions"


def create_learner(apps, schema_editor) -> None:
    User = apps.get_model("auth", "User")
    if not User.objects.filter(username=USERNAME).exists():
        User.objects.create(username=USERNAME, password=make_password(PASSWORD))


def delete_learner(apps, schema_editor) -> None:
    apps.get_model("auth", "User").objects.filter(username=USERNAME).delete()


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_learner, delete_learner)]
