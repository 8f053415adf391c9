package orggen

// fixture is one service the generator copies.
type fixture struct {
	name    string   // e.g. "flask_accounts"
	dir     string   // relative to the testdata directory
	family  string   // services of a family implement the same flows and are grouped together
	service string   // base service name in the manifest
	weight  int      // relative frequency
	exclude []string // service excludes, as in configs/manifest.example.yaml
	// renames are identifiers the fixture defines (classes, handlers, tasks,
	// module constants, some model fields) and that may be renamed. Each
	// was checked to be neither imported from a library nor the name of a
	// module, package or file of the fixture (the tests check the latter).
	renames []string
}

var fixtures = []fixture{
	{
		name: "flask_accounts", dir: "services/flask_accounts", family: "accounts", service: "accounts", weight: 3,
		exclude: []string{"**/tests/**", "**/migrations/**"},
		renames: []string{
			"User", "Session", "Plan", "ApiUsage", "PasswordResetToken", "EmailVerificationToken",
			"request_password_reset", "reset_password", "verify_email", "resend_verification",
			"expire_password_reset_tokens", "unlock_accounts", "purge_revoked_sessions",
			"send_password_reset_email", "send_verification_email", "send_account_locked_email",
			"revoke_all_sessions", "todays_usage", "record_api_call",
			"RESET_TOKEN_EXPIRY_HOURS", "MAX_LOGIN_ATTEMPTS", "LOCKOUT_MINUTES",
			"VERIFICATION_TOKEN_EXPIRY_HOURS", "SESSION_RETENTION_DAYS",
			"failed_attempts", "display_name",
		},
	},
	{
		name: "fastapi_accounts", dir: "services/fastapi_accounts", family: "accounts", service: "accounts-api", weight: 3,
		exclude: []string{"**/tests/**", "**/migrations/**", "**/alembic/**"},
		renames: []string{
			"User", "Invitation", "Membership", "Organisation", "PasswordResetToken",
			"InvitationStatus", "UserStatus",
			"accept_invitation", "confirm_password_reset", "request_password_reset",
			"expire_invitations", "purge_reset_tokens", "invite_member", "revoke_invitation",
			"suspend_user", "reactivate_user", "hash_token", "new_token",
			"reset_token_expiry", "invitation_expiry", "max_pending_invitations",
		},
	},
	{
		name: "django_accounts", dir: "services/django_accounts", family: "accounts", service: "accounts-dj", weight: 3,
		exclude: []string{"**/tests/**", "**/migrations/**"},
		renames: []string{
			"User", "Invitation", "Membership", "Organization", "PasswordResetToken",
			"EmailVerification", "UsageQuota", "Plan",
			"send_invitation", "password_reset_request", "password_reset_confirm", "verify_email",
			"resend_verification", "unlock_expired_lockouts", "reset_monthly_quotas",
			"deactivate_user", "record_usage", "make_token", "send_password_reset",
			"send_verification", "send_password_changed",
			"PASSWORD_RESET_TIMEOUT_HOURS", "MAX_FAILED_LOGINS", "LOCKOUT_MINUTES",
			"EMAIL_VERIFICATION_TIMEOUT_DAYS", "INVITATION_EXPIRY_DAYS",
		},
	},
	{
		name: "reset_a", dir: "variants/reset_a", family: "reset", service: "reset", weight: 2,
		exclude: []string{"**/tests/**"},
		renames: []string{
			"User", "PasswordResetToken", "forgot_password", "reset_password",
			"RESET_TOKEN_EXPIRY_HOURS", "MAX_LOGIN_ATTEMPTS", "LOCKOUT_MINUTES", "failed_attempts",
		},
	},
	{
		name: "reset_b", dir: "variants/reset_b", family: "reset", service: "reset-api", weight: 2,
		exclude: []string{"**/tests/**"},
		renames: []string{
			"Account", "AccountStatus", "ResetToken", "ForgotBody", "ResetBody", "LoginBody",
			"forgot", "failed_login_attempts",
		},
	},
	{
		name: "reset_c", dir: "variants/reset_c", family: "reset", service: "reset-dj", weight: 2,
		exclude: []string{"**/tests/**", "**/tests.py"},
		renames: []string{
			"Member", "PasswordResetToken", "ForgotSerializer", "ResetSerializer",
			"forgot_password", "reset_password", "send_reset_link", "send_password_changed",
			"PASSWORD_RESET_TIMEOUT_HOURS",
		},
	},
	{
		name: "merge_x", dir: "variants/merge_x", family: "merge", service: "teams", weight: 1,
		renames: []string{
			"Team", "TeamMember", "Invitation", "VerificationToken",
			"accept_invitation", "revoke_invitation", "expire_invitations", "send_invitation",
			"send_verification_email", "INVITATION_EXPIRY_DAYS", "VERIFICATION_EXPIRY_HOURS",
		},
	},
	{
		name: "merge_y", dir: "variants/merge_y", family: "merge", service: "teams", weight: 1,
		renames: []string{
			"Team", "TeamMember", "Invitation", "VerificationToken",
			"accept_invitation", "revoke_invitation", "expire_invitations", "send_invitation",
			"send_verification_email", "INVITATION_EXPIRY_DAYS", "VERIFICATION_EXPIRY_HOURS",
		},
	},
}

// synonyms are whole-name alternatives used instead of a suffix when the
// synonym is not already a word of the fixture.
var synonyms = map[string][]string{
	"User":         {"Account", "Member", "Customer", "Person"},
	"Account":      {"User", "Customer", "Principal"},
	"Member":       {"User", "Account", "Person"},
	"Organisation": {"Workspace", "Tenant", "Company"},
	"Organization": {"Workspace", "Tenant", "Company"},
	"Team":         {"Squad", "Crew", "Unit"},
	"Invitation":   {"Invite", "Summons"},
	"Plan":         {"Tier", "Subscription"},
	"Membership":   {"Seat", "Affiliation"},
}

// suffixes make renamed identifiers: "User" becomes "UserLedger",
// "reset_password" becomes "reset_password_ledger", "LOCKOUT_MINUTES"
// becomes "LOCKOUT_MINUTES_LEDGER".
var suffixes = []string{
	"Ledger", "Core", "Hub", "Nova", "Atlas", "Orbit", "Pulse", "Nimbus",
	"Vault", "Forge", "Harbor", "Beacon", "Summit", "Quartz", "Cedar", "Delta",
}
