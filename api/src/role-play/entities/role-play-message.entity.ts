import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { RolePlaySession } from './role-play-session.entity.js';

export type RolePlaySide = 'AGENT' | 'CUSTOMER';

@Entity({ name: 'role_play_messages' })
@Index('role_play_messages_session_idx', ['sessionId', 'id'])
@Check('role_play_messages_side_check', `"side" IN ('AGENT','CUSTOMER')`)
export class RolePlayMessage {
  /** Increasing: the live stream resumes from the last id a client saw. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => RolePlaySession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session: Relation<RolePlaySession>;

  @Column({ type: 'text' })
  side: RolePlaySide;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  sentAt: Date;
}
