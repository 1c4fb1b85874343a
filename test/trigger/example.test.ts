import { runTriggerDemo } from '../../scripts/trigger-demo';

describe('charge.succeeded example workflow', () => {
	test('trigger demo receives one signed delivery', async () => {
		let output = '';
		const code = await runTriggerDemo((text) => {
			output += text;
		});

		expect(code).toBe(0);
		expect(output).toContain('Executions started: 1');
		expect(output).toMatch(/answered: +200 /);
		expect(output).toContain('A forged delivery was answered 401');
		expect(output).toMatch(
			/Paid Order output: \{"event_id":"evt_\w+","charge_id":"ch_\w+","order":"A-2001","amount":4200,"currency":"eur"/,
		);
		expect(output).not.toContain('whsec_');
	});
});
