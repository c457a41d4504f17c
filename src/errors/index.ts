export { PostloanError, unwrap, ok, fail, type Result } from './PostloanError';
export { formatPath, type IssueCode, type PathSegment, type PostloanIssue } from './PostloanIssue';
export { formatIssues } from './formatIssues';
export { parseJson, DEFAULT_JSON_LIMITS, type JsonLimits } from './parseJson';
export { nearest, didYouMean } from './suggest';
export { fromZodIssues } from './fromZod';
