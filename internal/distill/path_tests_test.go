package distill

import (
	"strings"
	"testing"
)

// TestImpliedPathTests: a truth test of a document's nested path
// conjoined with an ordering of one of its fields says no more than the
// ordering; conjoined with anything else it stays untranslated.
func TestImpliedPathTests(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{"src/app.ts": `
import * as mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { Body, Controller, Post } from '@nestjs/common';
import { IsDefined } from 'class-validator';
const userSchema = new Schema({ email: Schema.Types.String, verified: Schema.Types.Boolean,
  failedLogin: { times: Schema.Types.Number, lastFailedAttempt: Schema.Types.Date } });
export const User = mongoose.model('User', userSchema);
export class EmailDto {
  @IsDefined() email: string;
}
@Controller('auth')
export class AuthController {
  @Post('clear')
  async clear(@Body() body: EmailDto) {
    const user = await User.findOne({ email: body.email });
    if (user?.failedLogin && user?.failedLogin?.times > 0) {
      await User.updateMany({ _id: user._id }, { $set: { 'failedLogin.times': 0 } });
    }
  }
  @Post('stamp')
  async stamp(@Body() body: EmailDto) {
    const user = await User.findOne({ email: body.email });
    if (user.failedLogin && user.verified) {
      await User.updateMany({ _id: user._id }, { $set: { 'failedLogin.times': 0 } });
    }
  }
}
`})
	for _, tc := range []struct {
		construct string
		want      string
		not       string
	}{
		{"Clear", "user.failed_login_times > 0", "failed_login ="},
		// user.verified is no field of failedLogin: the path test is not
		// implied, so the conditional outcome stays left out.
		{"Stamp", "", "user.verified"},
	} {
		got := construct(out.Module, tc.construct)
		if tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s lacks %q:\n%s", tc.construct, tc.want, got)
		}
		if strings.Contains(got, tc.not) {
			t.Errorf("%s has %q:\n%s", tc.construct, tc.not, got)
		}
	}
}
