"""Copy a store made before Django (raw SQLite schema v1) into the tables of 0001; nothing for any other."""

from django.db import migrations


def copy_legacy(apps, schema_editor):
    from evaluator.store import legacy

    legacy.copy(schema_editor.connection, apps)


class Migration(migrations.Migration):
    dependencies = [("store", "0001_initial")]

    operations = [migrations.RunPython(copy_legacy, migrations.RunPython.noop, elidable=False)]
