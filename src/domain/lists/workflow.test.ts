import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_RULES } from './rules.ts';
import { unitRecord } from './record.ts';
import type { ItemStatus } from './types.ts';
import { allowedActions, ITEM_ACTIONS, nextStatus, refusal, WORKFLOW, type Standing } from './workflow.ts';

const nobody: Standing = { coordinator: false, leader: false, reviewer: false, leadUnit: false };
const coordinator = { ...nobody, coordinator: true };
const leader = { ...nobody, leader: true };
const reviewer = { ...nobody, reviewer: true };
const leadUnit = { ...nobody, leadUnit: true };

describe('workflow', () => {
  it('walks the happy path: drafted → issued → acknowledged → in progress → completion requested → closed', () => {
    const steps: [ItemStatus, keyof typeof WORKFLOW, Standing, ItemStatus][] = [
      ['drafted', 'issue', coordinator, 'issued'],
      ['issued', 'acknowledge', leadUnit, 'acknowledged'],
      ['acknowledged', 'report', leadUnit, 'inProgress'],
      ['inProgress', 'report', leadUnit, 'inProgress'],
      ['inProgress', 'requestCompletion', leadUnit, 'completionRequested'],
      ['completionRequested', 'close', reviewer, 'closed'],
    ];
    for (const [from, action, who, to] of steps) {
      expect(refusal(from, action, who)).toBeNull();
      expect(nextStatus(from, action)).toBe(to);
    }
  });

  it('lets the reviewer or the coordination centre send a completion request back', () => {
    expect(refusal('completionRequested', 'returnCompletion', coordinator)).toBeNull();
    expect(nextStatus('completionRequested', 'returnCompletion')).toBe('inProgress');
  });

  it('refuses acts out of order', () => {
    expect(refusal('issued', 'report', leadUnit)).toBe('state'); // acknowledge first
    expect(refusal('drafted', 'acknowledge', leadUnit)).toBe('state'); // not issued yet
    expect(refusal('closed', 'report', leadUnit)).toBe('state');
    expect(refusal('inProgress', 'close', reviewer)).toBe('state'); // completion not requested
    expect(refusal('cancelled', 'requestAdjustment', leadUnit)).toBe('state');
    expect(() => nextStatus('issued', 'report')).toThrow('report is not allowed from issued');
  });

  it('refuses acts by the wrong people', () => {
    expect(refusal('completionRequested', 'close', leadUnit)).toBe('standing'); // only reviewers or the centre close
    expect(refusal('completionRequested', 'close', leader)).toBe('standing');
    expect(refusal('inProgress', 'issueNotice', leadUnit)).toBe('standing'); // only the centre and leaders supervise
    expect(refusal('inProgress', 'issueNotice', reviewer)).toBe('standing');
    expect(refusal('inProgress', 'issueNotice', leader)).toBeNull();
    expect(refusal('issued', 'acknowledge', coordinator)).toBe('standing'); // the lead unit acknowledges
    expect(refusal('drafted', 'issue', leadUnit)).toBe('standing');
    expect(refusal('inProgress', 'decideAdjustment', leadUnit)).toBe('standing');
  });

  it('tells the web which buttons to show', () => {
    expect(allowedActions('issued', leadUnit, { pendingAdjustment: false })).toEqual([
      'acknowledge',
      'requestAdjustment',
      'attach',
    ]);
    expect(allowedActions('inProgress', leadUnit, { pendingAdjustment: true })).toEqual([
      'report',
      'completeMilestone',
      'requestCompletion',
      'attach',
    ]);
    expect(allowedActions('inProgress', leader, { pendingAdjustment: true })).toEqual([
      'decideAdjustment',
      'issueNotice',
    ]);
    expect(allowedActions('inProgress', leader, { pendingAdjustment: false })).toEqual(['issueNotice']);
    expect(
      allowedActions(
        'closed',
        { coordinator: true, leader: true, reviewer: true, leadUnit: true },
        { pendingAdjustment: false },
      ),
    ).toEqual([]);
    expect(allowedActions('drafted', nobody, { pendingAdjustment: false })).toEqual([]);
  });

  it('names every act in the table', () => {
    expect(Object.keys(WORKFLOW).sort()).toEqual([...ITEM_ACTIONS].sort());
  });
});

describe('unit record', () => {
  it('scores the worked example of the doc comment', () => {
    const r = unitRecord(
      {
        items: [
          { status: 'closed', deadline: '2024-06-30', colour: 'none', completionRequestedOn: '2024-06-20' },
          { status: 'closed', deadline: '2024-06-30', colour: 'none', completionRequestedOn: '2024-06-30' },
          { status: 'closed', deadline: '2024-09-30', colour: 'none', completionRequestedOn: '2024-09-01' },
          { status: 'closed', deadline: '2024-09-30', colour: 'none', completionRequestedOn: '2024-10-08' },
          { status: 'inProgress', deadline: '2024-12-31', colour: 'yellow', completionRequestedOn: null },
        ],
        warnings: ['yellow', 'yellow', 'yellow', 'yellow', 'red', 'blue'],
        notices: [{ escalated: true }],
      },
      '2024-11-05',
      DEFAULT_LIST_RULES.score,
    );
    expect(r).toMatchObject({
      items: 5,
      closedOnTime: 3,
      completedLate: 1,
      overdue: 0,
      onTrack: 0,
      notices: 1,
      escalations: 1,
      score: 74,
    });
    expect(r.warnings).toEqual({ blue: 1, yellow: 4, red: 1 });
    expect(r.deductions.map((d) => d.points)).toEqual([8, 5, 3, 5, 5]);
  });

  it('counts overdue open items and never goes below zero', () => {
    const r = unitRecord(
      {
        items: [
          { status: 'inProgress', deadline: '2024-10-31', colour: 'red', completionRequestedOn: null },
          { status: 'acknowledged', deadline: '2024-12-31', colour: 'green', completionRequestedOn: null },
        ],
        warnings: Array.from({ length: 30 }, () => 'red' as const),
        notices: [],
      },
      '2024-11-05',
      DEFAULT_LIST_RULES.score,
    );
    expect(r).toMatchObject({ overdue: 1, onTrack: 1, score: 0 });
  });

  it('gives a unit with nothing against it the base score', () => {
    expect(unitRecord({ items: [], warnings: [], notices: [] }, '2024-11-05', DEFAULT_LIST_RULES.score).score).toBe(
      100,
    );
  });
});
