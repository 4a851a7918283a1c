"""`make serve`: what it refuses, how many workers it starts, what it checks first."""

import json

import pytest

from config.serve import ServeError, plan_workers, require_environment

from .test_settings import load_settings

SECRET = "s" * 20 + "e" * 20 + "c" * 20 + "r3t"
REDIS = {"REDIS_URL": "redis://127.0.0.1:6379/0"}


class TestEnvironment:
    def test_refuses_without_a_secret(self):
        """No DJANGO_SECRET_KEY: one line saying how to make one."""
        with pytest.raises(ServeError, match="DJANGO_SECRET_KEY is not set"):
            require_environment({"DJANGO_ALLOWED_HOSTS": "example.org"})

    def test_refuses_without_allowed_hosts(self):
        """No DJANGO_ALLOWED_HOSTS: one line naming it (no silent localhost)."""
        with pytest.raises(ServeError, match="DJANGO_ALLOWED_HOSTS is not set"):
            require_environment({"DJANGO_SECRET_KEY": SECRET})

    def test_message_is_one_line(self):
        """What stops `make serve` fits on one line."""
        with pytest.raises(ServeError) as error:
            require_environment({})
        assert "\n" not in str(error.value)


class TestWorkers:
    def test_several_by_default_with_redis(self):
        """With REDIS_URL, 2 x cores + 1 workers unless WORKERS says otherwise."""
        assert plan_workers("", REDIS, cores=2)[0] == 5
        assert plan_workers("3", REDIS, cores=2) == (3, "WORKERS")

    def test_one_worker_on_local_memory(self):
        """Without REDIS_URL, one worker, and the reason says local memory."""
        workers, why = plan_workers("", {}, cores=8)
        assert workers == 1
        assert "local memory" in why

    def test_refuses_several_workers_on_local_memory(self):
        """WORKERS=3 without REDIS_URL is refused rather than quietly lowered."""
        with pytest.raises(ServeError, match="needs REDIS_URL"):
            plan_workers("3", {}, cores=2)

    @pytest.mark.parametrize("requested", ["0", "-1", "many", "65"])
    def test_refuses_odd_counts(self, requested):
        """WORKERS must be a whole number from 1 to 64."""
        with pytest.raises(ServeError, match="WORKERS must be"):
            plan_workers(requested, REDIS, cores=2)


def deploy_check(**env: str) -> tuple[list[str], list[str]]:
    """Return serve's split of `check --deploy` under the production settings."""
    code = (
        "import json; from config.serve import deployment_problems;"
        "print(json.dumps(deployment_problems(settings.HTTPS)))"
    )
    result = load_settings(
        code, DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="example.org", **env
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class TestDeployCheck:
    def test_https_is_clean(self):
        """DJANGO_HTTPS=1: `check --deploy` has nothing to say."""
        assert deploy_check(DJANGO_HTTPS="1") == [[], []]

    def test_plain_http_warnings_are_the_true_ones(self):
        """Plain HTTP: exactly the warnings about HTTPS, shown, nothing else."""
        plain, other = deploy_check()
        assert [line.split(")")[0] for line in plain] == [
            "?: (security.W004",
            "?: (security.W008",
            "?: (security.W010",
            "?: (security.W016",
        ]
        assert other == []

    def test_weak_secret_stops_it(self):
        """A short secret is not a plain-HTTP matter: it stops `make serve`."""
        code = (
            "from config.serve import deployment_problems;"
            "print(deployment_problems(False)[1])"
        )
        result = load_settings(
            code, DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="example.org"
        )
        assert "security.W009" in result.stdout


def production_settings(*names: str, **env: str) -> list:
    """Return settings' values under DEBUG off, outside the tests, with env."""
    code = f"import json; print(json.dumps([getattr(settings, n) for n in {names}]))"
    result = load_settings(
        code, DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="example.org", **env
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_https_behind_a_proxy():
    """DJANGO_HTTPS=1: Secure cookies, HSTS, and the proxy's header trusted."""
    assert production_settings(
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        DJANGO_HTTPS="1",
    ) == [True, True, ["HTTP_X_FORWARDED_PROTO", "https"], False, 31536000]


def test_plain_http_cookies_are_not_secure():
    """Without DJANGO_HTTPS the cookies can travel over plain HTTP, as they must."""
    assert production_settings("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE") == [
        False,
        False,
    ]


def test_static_files_by_whitenoise_without_the_toolbar():
    """Served for real: WhiteNoise after SecurityMiddleware, no debug toolbar."""
    middleware, apps = production_settings("MIDDLEWARE", "INSTALLED_APPS")
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert "debug_toolbar" not in apps
