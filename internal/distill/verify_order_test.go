package distill

import "testing"

// TestHashFirstVerifyCalls: node-argon2's verify(hash, plain) takes the
// stored hash first, bcrypt's compare(plain, hash) the secret first; the
// spec writes verify(secret, hash) for both (catalog
// hash_first_verify_calls).
func TestHashFirstVerifyCalls(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id       String  @id @default(cuid())
  email    String  @unique
  pin      String
  loggedIn Boolean @default(false)
}
`,
		"src/auth/auth.controller.ts": `
import { Body, Controller, Post, UnauthorizedException } from '@nestjs/common';
import * as argon2 from 'argon2';
import * as bcrypt from 'bcrypt';
import { PrismaService } from 'src/prisma/prisma.service';
@Controller('auth')
export class AuthController {
  constructor(private readonly prisma: PrismaService) {}
  @Post('argon')
  async argon(@Body('email') email: string, @Body('pin') pin: string) {
    const user = await this.prisma.user.findUnique({ where: { email: email } });
    if (!user) throw new UnauthorizedException();
    if (!(await argon2.verify(user.pin, pin))) throw new UnauthorizedException();
    await this.prisma.user.update({ where: { id: user.id }, data: { loggedIn: true } });
  }
  @Post('bcrypt')
  async bcryptLogin(@Body('email') email: string, @Body('pin') pin: string) {
    const user = await this.prisma.user.findUnique({ where: { email: email } });
    if (!user) throw new UnauthorizedException();
    if (!(await bcrypt.compare(pin, user.pin))) throw new UnauthorizedException();
    await this.prisma.user.update({ where: { id: user.id }, data: { loggedIn: false } });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "argon2.verify(hash, plain)", construct: "Argon", want: []string{"requires: verify(pin, user.pin)"}},
		{name: "bcrypt.compare(plain, hash)", construct: "BcryptLogin", want: []string{"requires: verify(pin, user.pin)"}},
	})
}
