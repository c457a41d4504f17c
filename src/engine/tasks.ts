// The task engine (policy tasks: who must act, from what date, by when), one concern a module under
// ./tasks/; this file is its public face for the replay and the snapshot.
export { applyOffset } from './tasks/taskOffsets';
export { isPeriodAnchor } from './tasks/taskPeriods';
export { createTaskBook, type TaskBook } from './tasks/taskBook';
export { scheduleReplaced } from './tasks/cancelTasks';
export { closeTasksWith } from './tasks/closeTasks';
export { evaluateTasks } from './tasks/evaluateTasks';
export { nextTaskWake } from './tasks/nextTaskWake';
export { tasksOutput } from './tasks/tasksOutput';
export { rememberToday } from './tasks/rememberToday';
export { persistTasks, retiredCount, tasksFromFormat4, type TaskBookState, type TaskBookStateFormat4 } from './tasks/persistTasks';
export { restoreTasks } from './tasks/restoreTasks';
export { retiredTaskIds } from './tasks/compactRetired';
export { rebindTasks } from './tasks/rebindTasks';
