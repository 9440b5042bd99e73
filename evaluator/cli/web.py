"""`evaluator serve [--demo]`, `evaluator worker`, `evaluator manage …`: the web platform from the command line.

    evaluator serve                the platform on this computer (http://127.0.0.1:8000), on the store in
                                   output/evaluations.db (or DATABASE_URL), with a task worker beside it
    evaluator serve --demo         the same on a demo store (output/demo/) holding the bundled samples, with
                                   one account per role; prints the log-ins
    evaluator worker               the task worker alone (reports, round uploads); run any number, anywhere,
                                   against the same PostgreSQL store
    evaluator manage ARGS          Django's management commands (createsuperuser, migrate, collectstatic, …)
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import click

from evaluator.cli.common import echo
from evaluator.i18n import LANGS, t

DEMO_DIR = Path("output") / "demo"


def _secret_key(folder: Path) -> str:
    """EVALUATOR_SECRET_KEY, else a random key kept in `folder/secret_key` (0600), made on first use."""
    given = os.environ.get("EVALUATOR_SECRET_KEY", "").strip()
    if given:
        return given
    path = folder / "secret_key"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(key + "\n")
    return key


def prepare(demo: bool) -> None:
    """Environment and database for the server: the demo store if asked, a key, every migration."""
    if demo:
        os.environ["DATABASE_URL"] = f"sqlite:///{(DEMO_DIR / 'evaluations.db').absolute()}"
        os.environ["EVALUATOR_DATA_DIR"] = str(DEMO_DIR.absolute())
    from evaluator.store.targets import DEFAULT_DB, default_target

    target = default_target()
    folder = Path(os.environ.get("EVALUATOR_DATA_DIR") or (target.path or DEFAULT_DB).parent)
    os.environ["EVALUATOR_SECRET_KEY"] = _secret_key(folder)
    from evaluator.cli.common import report_problems
    from evaluator.store import Store, StoreError

    try:
        Store.open(None, create=True).close()    # checks the database is a store (or empty) and migrates it
    except StoreError as exc:
        report_problems(exc.problems, "zh")
        sys.exit(1)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _start_worker() -> subprocess.Popen:
    code = "from evaluator.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, "worker"], env=os.environ.copy())


@click.command()
@click.option("--demo", is_flag=True, help="演示：样例数据和每个角色的演示账户 / demo store with the samples and one account per role")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址 / address to listen on")
@click.option("--port", default=8000, show_default=True, type=int, help="端口 / port")
@click.option("--no-worker", is_flag=True, help="不启动任务进程 / do not start a task worker beside the server")
def serve(demo: bool, host: str, port: int, no_worker: bool) -> None:
    """在本机启动评估平台 · Run the evaluation platform on this computer."""
    prepare(demo)
    if demo:
        from evaluator.web.accounts.demo import load_demo, print_logins

        print_logins(load_demo(DEMO_DIR))
    worker = None if no_worker else _start_worker()
    for lang in LANGS:
        echo(t(lang, "evaluation platform: http://{host}:{port}/ (Ctrl-C stops it)", host=host, port=port))
    try:
        from django.core.management import call_command

        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True, skip_checks=True)
    except KeyboardInterrupt:
        pass
    finally:
        if worker is not None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()


@click.command()
@click.option("--batch", is_flag=True, help="队列清空后退出 / stop when the queue is empty")
@click.option("--interval", default=1.0, show_default=True, type=float,
              help="空闲时查看队列的间隔（秒）/ seconds between looks at an empty queue")
def worker(batch: bool, interval: float) -> None:
    """运行任务进程（生成报告、批量评分）· Run the task worker (reports, round uploads)."""
    from evaluator.store.django_setup import ensure_django

    ensure_django()
    from django.core.management import call_command

    call_command("db_worker", batch=batch, interval=interval, startup_delay=False, reload=False, verbosity=1)


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                 "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Django 管理命令 · Django's management commands (e.g. `evaluator manage createsuperuser`)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "evaluator.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["evaluator manage", *args])
