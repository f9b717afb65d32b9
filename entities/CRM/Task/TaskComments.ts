import type { Session } from '../../../src/runtime/Session';
import { CommentTableName, RlshpMgtCommentLine } from './RlshpMgtCommentLine.Table';
import type { Todo } from './Todo.Table';

/** The Notities of a task or contact moment are comment lines of 80 characters (tables 5061, 5123). */

/** A note as comment lines of at most 80 characters, split on line breaks and then on words. */
export function splitComment(text: string, width = 80): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n/g, '\n').split('\n')) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (word.length > width) {
        if (current) lines.push(current);
        for (let i = 0; i < word.length; i += width) lines.push(word.slice(i, i + width));
        current = '';
        continue;
      }
      const candidate = current ? `${current} ${word}` : word;
      if (candidate.length > width) {
        lines.push(current);
        current = word;
      } else current = candidate;
    }
    if (current) lines.push(current);
  }
  return lines;
}

/** Where a task's comment lines are kept: under its Organizer To-do No. (the team task's), else its own No. */
function commentKey(task: { no: string; organizerToDoNo: string }): string {
  return task.organizerToDoNo || task.no;
}

/** Adds a line to a task's Notities (comments live under the Organizer To-do No.). */
export async function addTaskComment(task: Todo, text: string): Promise<void> {
  const s = task.session;
  const key = commentKey(task);
  // "Last line + 10000" must not be computed by two sessions at once (two notes on one task).
  await s.lockTable(RlshpMgtCommentLine);
  const last = await s.findFirst(RlshpMgtCommentLine, { tableName: CommentTableName.ToDo, no: key, subNo: 0 }, { lineNo: 'DESC' });
  let lineNo = last?.lineNo ?? 0;
  for (const chunk of splitComment(text)) {
    lineNo += 10000;
    const line = s.create(RlshpMgtCommentLine);
    line.tableName = CommentTableName.ToDo;
    line.no = key;
    line.subNo = 0;
    line.lineNo = lineNo;
    line.date = s.workDate();
    await line.validate('comment', chunk);
    await line.insert(true);
  }
}

/**
 * The Notities typed as one text on the task card: the comment sheet's lines (page 5072) become the text's lines.
 * A line that stays is kept (its Date too), a changed one is modified, new ones are inserted, dropped ones deleted.
 */
export async function setTaskNotes(task: Todo, text: string): Promise<void> {
  const s = task.session;
  const key = commentKey(task);
  await s.lockTable(RlshpMgtCommentLine);
  const existing = await s.find(RlshpMgtCommentLine, { tableName: CommentTableName.ToDo, no: key, subNo: 0 }, { lineNo: 'ASC' });
  const wanted = splitComment(text);
  for (let i = 0; i < Math.max(wanted.length, existing.length); i++) {
    const line = existing[i];
    if (i >= wanted.length) await line.delete(true);
    else if (!line) {
      const added = s.create(RlshpMgtCommentLine);
      added.tableName = CommentTableName.ToDo;
      added.no = key;
      added.subNo = 0;
      added.lineNo = ((existing[existing.length - 1]?.lineNo ?? 0) + (i - existing.length + 1) * 10000);
      added.date = s.workDate();
      await added.validate('comment', wanted[i]);
      await added.insert(true);
    } else if (line.comment !== wanted[i]) {
      await line.validate('comment', wanted[i]);
      await line.modify(true);
    }
  }
}

/** A task's Notities as comment lines. */
export function taskComments(task: Todo): Promise<RlshpMgtCommentLine[]> {
  return task.session.find(RlshpMgtCommentLine, { tableName: CommentTableName.ToDo, no: commentKey(task), subNo: 0 });
}

/** The Notities of many tasks at once, one text per task (lines joined by a line break): one read for a list's page. */
export async function taskNotes(session: Session, tasks: readonly { no: string; organizerToDoNo: string }[]): Promise<string[]> {
  const keys = [...new Set(tasks.map(commentKey))];
  const lines = new Map<string, string[]>(keys.map((k) => [k, []]));
  const comments = await session.findAmong(RlshpMgtCommentLine, 'no', keys, { tableName: CommentTableName.ToDo, subNo: 0 });
  for (const l of comments) lines.get(l.no)!.push(l.comment);
  return tasks.map((t) => lines.get(commentKey(t))!.join('\n'));
}
