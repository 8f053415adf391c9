# SPDX-License-Identifier: Apache-2.0

from celery.schedules import crontab

from warehouse.accounts.interfaces import (
    IDomainStatusService,
    IEmailBreachedService,
    IPasswordBreachedService,
    ITokenService,
    IUserService,
)
from warehouse.accounts.oauth import (
    GitHubAppClient,
    GitLabOAuthClient,
    IOAuthProviderService,
    NullGitHubOAuthClient,
    NullGitLabOAuthClient,
)
from warehouse.accounts.security_policy import (
    BasicAuthSecurityPolicy,
    SessionSecurityPolicy,
)
from warehouse.accounts.services import (
    HaveIBeenPwnedEmailBreachedService,
    HaveIBeenPwnedPasswordBreachedService,
    NullDomainStatusService,
    NullEmailBreachedService,
    NullPasswordBreachedService,
    TokenServiceFactory,
    database_login_factory,
)
from warehouse.accounts.tasks import (
    batch_update_email_domain_status,
    compute_user_metrics,
    notify_users_of_tos_update,
    unverify_emails_with_expired_domains,
)
from warehouse.accounts.utils import UserContext
from warehouse.macaroons.security_policy import MacaroonSecurityPolicy
from warehouse.oidc.utils import PublisherTokenContext
from warehouse.utils.security_policy import MultiSecurityPolicy

__all__ = [
    "GitHubAppClient",
    "GitLabOAuthClient",
    "HaveIBeenPwnedEmailBreachedService",
    "HaveIBeenPwnedPasswordBreachedService",
    "NullEmailBreachedService",
    "NullGitHubOAuthClient",
    "NullGitLabOAuthClient",
    "NullPasswordBreachedService",
]


REDIRECT_FIELD_NAME = "next"


def _user(request):
    if request.identity is None:
        return None

    if isinstance(request.identity, UserContext):
        return request.identity.user
    return None


def _oidc_publisher(request):
    return (
        request.identity.publisher
        if isinstance(request.identity, PublisherTokenContext)
        else None
    )


def _oidc_claims(request):
    return (
        request.identity.claims
        if isinstance(request.identity, PublisherTokenContext)
        else None
    )


def _unauthenticated_userid(request):
    return None


def includeme(config):
    # Register our login service
    config.register_service_factory(database_login_factory, IUserService)

    # Register our token services
    config.register_service_factory(
        TokenServiceFactory(name="password"), ITokenService, name="password"
    )
    config.register_service_factory(
        TokenServiceFactory(name="email"), ITokenService, name="email"
    )
    config.register_service_factory(
        TokenServiceFactory(name="two_factor"), ITokenService, name="two_factor"
    )
    config.register_service_factory(
        TokenServiceFactory(name="confirm_login"), ITokenService, name="confirm_login"
    )
    config.register_service_factory(
        TokenServiceFactory(name="remember_device"),
        ITokenService,
        name="remember_device",
    )

    # Register our password breach detection service.
    breached_pw_class = config.maybe_dotted(
        config.registry.settings.get(
            "breached_passwords.backend", HaveIBeenPwnedPasswordBreachedService
        )
    )
    config.register_service_factory(
        breached_pw_class.create_service, IPasswordBreachedService
    )
    # Register our email breach detection service.
    breached_email_class = config.maybe_dotted(
        config.registry.settings.get(
            "breached_emails.backend", HaveIBeenPwnedEmailBreachedService
        )
    )
    config.register_service_factory(
        breached_email_class.create_service, IEmailBreachedService
    )

    # Register our domain status service.
    domain_status_class = config.maybe_dotted(
        config.registry.settings.get("domain_status.backend", NullDomainStatusService)
    )
    config.register_service_factory(
        domain_status_class.create_service, IDomainStatusService
    )

    # Register GitHub OAuth service for account associations.
    github_oauth_class = config.maybe_dotted(
        config.registry.settings["github.oauth.backend"]
    )
    config.register_service_factory(
        github_oauth_class.create_service, IOAuthProviderService, name="github"
    )
    # Register GitLab OAuth service for account associations (optional).
    # Only enabled when GITLAB_OAUTH_BACKEND is configured.
    gitlab_oauth_backend = config.registry.settings.get("gitlab.oauth.backend")
    if gitlab_oauth_backend:
        gitlab_oauth_class = config.maybe_dotted(gitlab_oauth_backend)
        config.register_service_factory(
            gitlab_oauth_class.create_service, IOAuthProviderService, name="gitlab"
        )

    # Register our security policies.
    config.set_security_policy(
        MultiSecurityPolicy(
            [
                SessionSecurityPolicy(),
                BasicAuthSecurityPolicy(),
                MacaroonSecurityPolicy(),
            ],
        )
    )

    # Add a request method which will allow people to access the specific current
    # request identity by type, if they know it.
    config.add_request_method(_user, name="user", reify=True)
    config.add_request_method(_oidc_publisher, name="oidc_publisher", reify=True)
    config.add_request_method(_oidc_claims, name="oidc_claims", reify=True)

    config.add_request_method(_unauthenticated_userid, name="_unauthenticated_userid")

    # Register the rate limits that we're going to be using for our login
    # attempts and account creation
    user_login_ratelimit_string = config.registry.settings.get(
        "warehouse.account.user_login_ratelimit_string"
    )
    config.register_rate_limiter(user_login_ratelimit_string, "user.login")
    ip_login_ratelimit_string = config.registry.settings.get(
        "warehouse.account.ip_login_ratelimit_string"
    )
    config.register_rate_limiter(ip_login_ratelimit_string, "ip.login")
    global_login_ratelimit_string = config.registry.settings.get(
        "warehouse.account.global_login_ratelimit_string"
    )
    config.register_rate_limiter(global_login_ratelimit_string, "global.login")
    # Register separate rate limiters for 2FA attempts
    twofa_user_ratelimit_string = config.registry.settings.get(
        "warehouse.account.2fa_user_ratelimit_string"
    )
    config.register_rate_limiter(twofa_user_ratelimit_string, "2fa.user")
    twofa_ip_ratelimit_string = config.registry.settings.get(
        "warehouse.account.2fa_ip_ratelimit_string"
    )
    config.register_rate_limiter(twofa_ip_ratelimit_string, "2fa.ip")
    email_add_ratelimit_string = config.registry.settings.get(
        "warehouse.account.email_add_ratelimit_string"
    )
    config.register_rate_limiter(email_add_ratelimit_string, "email.add")
    email_change_ratelimit_string = config.registry.settings.get(
        "warehouse.account.email_change_ratelimit_string"
    )
    config.register_rate_limiter(email_change_ratelimit_string, "email.change")
    password_reset_ratelimit_string = config.registry.settings.get(
        "warehouse.account.password_reset_ratelimit_string"
    )
    config.register_rate_limiter(password_reset_ratelimit_string, "password.reset")
    verify_email_ratelimit_string = config.registry.settings.get(
        "warehouse.account.verify_email_ratelimit_string"
    )
    config.register_rate_limiter(verify_email_ratelimit_string, "email.verify")
    accounts_search_ratelimit_string = config.registry.settings.get(
        "warehouse.account.accounts_search_ratelimit_string"
    )
    config.register_rate_limiter(accounts_search_ratelimit_string, "accounts.search")

    # Add a periodic task to generate Account metrics
    config.add_periodic_task(crontab(minute="*/20"), compute_user_metrics)
    config.add_periodic_task(crontab(minute="*"), notify_users_of_tos_update)
    config.add_periodic_task(
        crontab(minute=0, hour=4), batch_update_email_domain_status
    )
    config.add_periodic_task(
        crontab(minute=15, hour=4), unverify_emails_with_expired_domains
    )
