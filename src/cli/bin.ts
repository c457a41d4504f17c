import { mainAsync } from './main';

void mainAsync(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
