package distill

import "testing"

// TestConfigSections pins the sections of the config object a config
// factory returns (catalog config_namespaces, typescript; NestJS's
// ConfigModule loads `export default () => config`, nestjs-prisma-starter's
// common/configs/config.ts): an entry read through its section or by its
// dotted key is the default the factory gives it, so a token's lifetime
// read from there is a config parameter named after the token
// (reset_password_token_expiry = 30.minutes), as a lifetime written in
// place is. Before, the section was a setting with no default and the
// entry read from it was lost, and with it the token's expires_at.
func TestConfigSections(t *testing.T) {
	factory := `
const config = { nest: { port: 3000 }, security: { resetIn: '30m', bcryptSaltOrRound: 10 } };
export default () => config;
`
	namespace := `
import { registerAs } from '@nestjs/config';
export const jwtConfig = registerAs('jwt', () => ({ resetIn: process.env.JWT_RESET_IN || '30m' }));
`
	tokenService := func(read string) string {
		return `
import type { JWT } from 'fastify-jwt'
export class TokenService {
  constructor(private jwt: JWT, private configService: ConfigService) {}
  generateResetPasswordToken = (userId: string) => this.jwt.sign({ sub: userId }, { expiresIn: ` + read + ` })
}
`
	}
	cases := []struct {
		name, config, read string
		want, notWant      []string
	}{
		{name: "an entry of a section the default export returns", config: factory,
			read: "this.configService.get('security').resetIn",
			want: []string{"reset_password_token_expiry: Duration = 30.minutes", "expires_at: now + config.reset_password_token_expiry"}},
		{name: "an entry by its dotted key", config: factory,
			read: "this.configService.get('security.resetIn')",
			want: []string{"reset_password_token_expiry: Duration = 30.minutes", "expires_at: now + config.reset_password_token_expiry"}},
		{name: "a section a namespace call names, its default behind the environment", config: namespace,
			read: "this.configService.get('jwt').resetIn",
			want: []string{"reset_password_token_expiry: Duration = 30.minutes", "expires_at: now + config.reset_password_token_expiry"}},
		{name: "an entry the section lacks is no lifetime", config: factory,
			read:    "this.configService.get('security').refreshIn",
			notWant: []string{"expires_at: now", "30.minutes"}},
		{name: "a section no factory returns is no lifetime", config: factory,
			read:    "this.configService.get('auth').resetIn",
			notWant: []string{"expires_at: now", "30.minutes"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := forgotPasswordFiles(tokenService(c.read), "", "{ token }")
			files["app/config/config.ts"] = c.config
			runIdiomCases(t, files, []idiomCase{{name: c.name, construct: "Forgot", want: c.want, notWant: c.notWant}})
		})
	}
}
