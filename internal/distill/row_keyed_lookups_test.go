package distill

import "testing"

// TestRowKeyedLookups: a row found by the keys of rows the rule already
// holds (follows.findOne({followerId: followerUser.id, followingId:
// followingUser.id})) is a lookup of the rule, not an input its caller
// presents, though its columns are named like ids; a row found by an id
// the request gives is still that input.
func TestRowKeyedLookups(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	entities := map[string]string{
		"src/user.entity.ts": `
import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity()
export class UserEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() username: string;
  @Column() email: string;
}
`,
		"src/follows.entity.ts": `
import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity('follows')
export class FollowsEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() followerId: number;
  @Column() followingId: number;
}
`,
	}
	service := func(lookup string) string {
		return `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from './user.entity';
import { FollowsEntity } from './follows.entity';
@Injectable()
export class ProfileService {
  constructor(
    @InjectRepository(UserEntity)
    private readonly userRepository: Repository<UserEntity>,
    @InjectRepository(FollowsEntity)
    private readonly followsRepository: Repository<FollowsEntity>
  ) {}
  async follow(followerEmail: string, username: string, followId: number) {
    const followingUser = await this.userRepository.findOne({username});
    const followerUser = await this.userRepository.findOne({email: followerEmail});
    const existing = await this.followsRepository.findOne(` + lookup + `);
    if (!existing) {
      const follows = new FollowsEntity();
      follows.followerId = followerUser.id;
      follows.followingId = followingUser.id;
      await this.followsRepository.save(follows);
    }
    return {};
  }
}
`
	}
	const controller = `
import { Post, Param, Body, Controller } from '@nestjs/common';
import { ProfileService } from './profile.service';
@Controller('profiles')
export class ProfileController {
  constructor(private readonly profileService: ProfileService) {}
  @Post(':username/follow')
  async follow(@Body('email') email: string, @Param('username') username: string, @Body('followId') followId: number) {
    return await this.profileService.follow(email, username, followId);
  }
}
`
	tests := []struct {
		name, lookup  string
		want, notWant []string
	}{
		{
			name:    "found by the keys of rows the rule found",
			lookup:  "{followerId: followerUser.id, followingId: followingUser.id}",
			want:    []string{"when: Follow(username, email)", "let existing = FollowsEntity{follower_id: follower_user, following_id: following_user}", "if not exists existing:"},
			notWant: []string{"Follow(username, email, existing)"},
		},
		{
			name:    "found by an id the request gives: the row is the input",
			lookup:  "{id: followId}",
			want:    []string{"if not exists existing:"},
			notWant: []string{"let existing ="},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"src/profile.service.ts": service(tt.lookup), "src/profile.controller.ts": controller}
			for p, s := range entities {
				files[p] = s
			}
			out := distilText(t, d, files)
			wantConstruct(t, out, "Follow", tt.want, tt.notWant)
		})
	}
}
