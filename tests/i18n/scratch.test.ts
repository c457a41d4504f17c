import { it } from 'vitest';
import { main } from '../../src/cli/main';
it('scratch', () => {
  for (const argv of [process.env.ARGS?.split(' ') ?? []]) {
    let out = '';
    const code = main(argv, { out: (s) => (out += s), err: (s) => (out += s), env: { LANG: 'zh_CN.UTF-8' } });
    console.log(out, 'exit', code);
  }
});
