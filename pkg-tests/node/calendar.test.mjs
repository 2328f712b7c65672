// The calendar cases against the built Node package (pkg/node).
import { runInNode, apiItself } from '../lib/cases.mjs';
import { calendarCases } from '../shared/calendar.cases.mjs';

runInNode(calendarCases, apiItself);
