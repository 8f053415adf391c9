package distill

import "testing"

// jwtKindsService is a NestJS auth service that signs JWTs in functions
// named for their kinds (nestjs-prisma-starter's generateAccessToken and
// generateRefreshToken); claim adds a {type: ...} entry to each payload.
func jwtKindsService(claim bool) map[string]string {
	access, refresh := "payload", "payload"
	if claim {
		access, refresh = "{ userId: payload.userId, type: TokenTypes.ACCESS }", "{ userId: payload.userId, type: TokenTypes.REFRESH }"
	}
	return map[string]string{
		"prisma/schema.prisma": gqlSchema,
		"src/auth/auth.service.ts": `
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PrismaService } from 'nestjs-prisma';
import { JwtService } from '@nestjs/jwt';

export enum TokenTypes { ACCESS = 'access', REFRESH = 'refresh' }

@Injectable()
export class AuthService {
  constructor(private readonly prisma: PrismaService, private readonly jwtService: JwtService) {}

  async login(email: string) {
    const user = await this.prisma.user.findUnique({ where: { email } });
    if (!user) throw new UnauthorizedException();
    return this.generateTokens({ userId: user.id });
  }

  generateTokens(payload: { userId: string }) {
    return { accessToken: this.generateAccessToken(payload), refreshToken: this.generateRefreshToken(payload) };
  }

  private generateAccessToken(payload: { userId: string }) {
    return this.jwtService.sign(` + access + `);
  }

  private generateRefreshToken(payload: { userId: string }) {
    return this.jwtService.sign(` + refresh + `, { secret: 'refresh' });
  }

  refreshToken(token: string) {
    const { userId } = this.jwtService.verify(token, { secret: 'refresh' });
    return this.generateTokens({ userId });
  }
}
`,
		"src/auth/auth.resolver.ts": `
import { Resolver, Mutation, Args } from '@nestjs/graphql';
import { AuthService } from './auth.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => String)
  async signIn(@Args('email') email: string) {
    return this.auth.login(email);
  }

  @Mutation(() => String)
  async refresh(@Args('token') token: string) {
    return this.auth.refreshToken(token);
  }
}
`,
	}
}

func TestJWTKindsNamedByTheirFunctions(t *testing.T) {
	t.Run("no claim: one entity, the issuing function's kind its token_type", func(t *testing.T) {
		runIdiomCases(t, jwtKindsService(false), []idiomCase{
			{
				name:      "the kinds are one entity with an inline enum of them",
				construct: "SignedToken",
				want:      []string{"entity SignedToken {", "user: User", "token_type: access | refresh"},
			},
			{
				name:      "signing in issues one token of each kind",
				construct: "SignIn",
				want: []string{"SignedToken.created(user: user, token_type: access)",
					"SignedToken.created(user: user, token_type: refresh)"},
				notWant: []string{"AccessToken", "RefreshToken.created"},
			},
			{
				name:      "the function reading a token back names the kind it takes",
				construct: "Refresh",
				want:      []string{"requires: token.is_valid", "requires: token.token_type = refresh"},
			},
		})
	})
	t.Run("a kind claim in the payload: the claim tells the kinds, no token_type read back", func(t *testing.T) {
		runIdiomCases(t, jwtKindsService(true), []idiomCase{
			{
				name:      "reading a token back adds no token_type requirement",
				construct: "Refresh",
				want:      []string{"requires: token.is_valid"},
				notWant:   []string{"token_type"},
			},
		})
	})
}

func TestTokenKindOfAPairIssuer(t *testing.T) {
	tests := []struct {
		stack []string
		want  string
	}{
		{[]string{"AuthService.generateAuthTokens"}, "access"}, // a pair: the sign-in's kind
		{[]string{"generateRefreshToken"}, "refresh"},
		{[]string{"create_reset_tokens"}, "reset"},
	}
	for _, tt := range tests {
		if got := tokenKind(tt.stack); got != tt.want {
			t.Errorf("tokenKind(%v) = %q, want %q", tt.stack, got, tt.want)
		}
	}
}
