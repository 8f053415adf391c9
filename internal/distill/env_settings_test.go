package distill

import "testing"

// TestEnvConfigGetters pins how NestJS's ConfigService reads a setting by
// its environment variable's name (hoppscotch's auth.service.ts:110-111:
// jwtService.sign(payload, {expiresIn: configService.get(
// 'INFRA.REFRESH_TOKEN_VALIDITY')})): the upper-case key is a setting the
// operator gives, named without its namespace, and a lifetime with no
// default in the code is a Duration. Another getter's upper-case key
// (config.get('INFRA.JWT_EXPIRY')) reads the application's fixed
// environment, as before: no setting. A token signed in the object an
// fp-ts success result holds (hoppscotch's generateAuthTokens: return
// E.right(<AuthTokens>{access_token: await jwtService.sign(...)})) is
// issued when the object is built.
func TestEnvConfigGetters(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id           String  @id @default(cuid())
  email        String  @unique
  refreshToken String?
}
`,
		"src/auth/auth.service.ts": `
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import * as E from 'fp-ts/Either';
import { PrismaService } from 'src/prisma/prisma.service';
import config from 'config';
@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jwtService: JwtService,
    private readonly configService: ConfigService,
  ) {}
  async refresh(userId: string) {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw new Error('no user');
    return { refreshToken: this.generateRefreshToken({ sub: user.id }) };
  }
  async access(userId: string) {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) return E.left('no user');
    return E.right(<AuthTokens>{
      access_token: await this.jwtService.sign({ sub: user.id }, { expiresIn: this.configService.get('INFRA.ACCESS_TOKEN_VALIDITY') }),
    });
  }
  async renew(userId: string) {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw new Error('no user');
    return { refreshToken: this.generateOtherRefreshToken({ sub: user.id }) };
  }
  private generateRefreshToken(payload: { sub: string }) {
    return this.jwtService.sign(payload, { expiresIn: this.configService.get('INFRA.REFRESH_TOKEN_VALIDITY') });
  }
  private generateOtherRefreshToken(payload: { sub: string }) {
    return this.jwtService.sign(payload, { expiresIn: config.get('INFRA.JWT_EXPIRY') });
  }
}
`,
		"src/auth/auth.controller.ts": `
import { Controller, Post, Body } from '@nestjs/common';
import * as E from 'fp-ts/Either';
import { AuthService } from './auth.service';
@Controller('auth')
export class AuthController {
  constructor(private readonly authService: AuthService) {}
  @Post('refresh')
  async refresh(@Body('userId') userId: string) {
    return this.authService.refresh(userId);
  }
  @Post('access')
  async access(@Body('userId') userId: string) {
    const tokens = await this.authService.access(userId);
    if (E.isLeft(tokens)) throw new Error(tokens.left);
    return tokens.right;
  }
  @Post('renew')
  async renew(@Body('userId') userId: string) {
    return this.authService.renew(userId);
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "an upper-case key of ConfigService.get is the operator's setting, named without its namespace; as a token's lifetime, a Duration",
			construct: "Refresh",
			want:      []string{"expires_at: now + config.refresh_token_validity", "refresh_token_validity: Duration"},
			notWant:   []string{"infra", "jwt_expiry"},
		},
		{
			name:      "a token signed in the object an fp-ts success result holds (E.right({access_token: sign(...)})) is issued",
			construct: "Access",
			want:      []string{"expires_at: now + config.access_token_validity"},
		},
		{
			name:      "an upper-case key of a getter that reads no environment is no setting",
			construct: "Renew",
			notWant:   []string{"expires_at"},
		},
	})
}
