package distill

import "testing"

// TestSignerDefaultLifetime pins a signer's defaults given where its
// module is registered (catalog signed_tokens.default_options,
// typescript; nestjs-prisma-starter's auth.module.ts:15-26):
// JwtModule.register({signOptions: {expiresIn}}), or registerAsync's
// useFactory returning those options (through a local it reads from a
// config section), is the lifetime of every jwtService.sign(payload) that
// passes none of its own; one passed to sign wins, and a signer no
// registration configures gains nothing.
func TestSignerDefaultLifetime(t *testing.T) {
	register := `
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
@Module({ imports: [JwtModule.register({ secret: 's', signOptions: { expiresIn: '30m' } })] })
export class AuthModule {}
`
	registerAsync := `
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ConfigService } from '@nestjs/config';
@Module({
  imports: [
    JwtModule.registerAsync({
      useFactory: async (configService: ConfigService) => {
        const securityConfig = configService.get('security');
        return { secret: configService.get('JWT_SECRET'), signOptions: { expiresIn: securityConfig.expiresIn } };
      },
      inject: [ConfigService],
    }),
  ],
})
export class AuthModule {}
`
	config := `
const config = { security: { expiresIn: '30m' } };
export default () => config;
`
	tokenService := func(sign string) string {
		return `
import { JwtService } from '@nestjs/jwt';
export class TokenService {
  constructor(private jwtService: JwtService, private jwt: any) {}
  generateResetPasswordToken = (userId: string) => {
    const payload = { sub: userId };
    return ` + sign + `;
  }
}
`
	}
	cases := []struct {
		name, module, sign string
		want, notWant      []string
	}{
		{name: "register gives the default", module: register,
			sign: "this.jwtService.sign(payload)",
			want: []string{"reset_password_token_expiry: Duration = 30.minutes", "expires_at: now + config.reset_password_token_expiry"}},
		{name: "registerAsync's factory gives it through a config section", module: registerAsync,
			sign: "this.jwtService.sign(payload)",
			want: []string{"reset_password_token_expiry: Duration = 30.minutes", "expires_at: now + config.reset_password_token_expiry"}},
		{name: "a lifetime passed to sign wins", module: register,
			sign:    "this.jwtService.sign(payload, { expiresIn: '5m' })",
			want:    []string{"reset_password_token_expiry: Duration = 5.minutes"},
			notWant: []string{"30.minutes"}},
		{name: "no registration, no lifetime", module: "export class AuthModule {}",
			sign:    "this.jwtService.sign(payload)",
			notWant: []string{"expires_at: now", "30.minutes"}},
		{name: "a signer the registration does not configure", module: register,
			sign:    "this.jwt.sign(payload)",
			notWant: []string{"expires_at: now", "30.minutes"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := forgotPasswordFiles(tokenService(c.sign), "", "{ token }")
			files["app/auth.module.ts"] = c.module
			files["app/config/config.ts"] = config
			runIdiomCases(t, files, []idiomCase{{name: c.name, construct: "Forgot", want: c.want, notWant: c.notWant}})
		})
	}
}
