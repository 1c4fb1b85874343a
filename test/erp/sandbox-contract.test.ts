import { bearerCredentials, startTestSandbox } from '../harness/sandbox';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox({ seedErpEntities: 2 });
});

afterAll(async () => {
	await sandbox.close();
});

async function call(method: string, path: string, body?: object) {
	const response = await fetch(`${sandbox.url}/v1${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${bearerCredentials(sandbox).aitbcApi.apiKey}`,
			'Content-Type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('Sandbox ERP contract', () => {
	test('connections cover the five ERP systems', async () => {
		const { body } = await call('GET', '/erp/connections?limit=100');
		const systems = new Set(body.data.map((connection: { system: string }) => connection.system));
		expect([...systems].sort()).toEqual(['dynamics', 'netsuite', 'oracle', 'salesforce', 'sap']);
	});

	test('create returns an OperationResult', async () => {
		const { status, body } = await call('POST', '/erp/connections/conn_sap01/customers', {
			name: 'X',
		});
		expect(status).toBe(201);
		expect(body).toMatchObject({ success: true, error: null, error_code: null });
		expect(body.data.name).toBe('X');
		expect(body.metadata.operation).toBe('create');
		expect(typeof body.metadata.duration_ms).toBe('number');
	});

	test('batch rejects more than 100 operations', async () => {
		const operations = Array.from({ length: 101 }, () => ({ action: 'create', data: {} }));
		const { status, body } = await call('POST', '/erp/connections/conn_sap01/customers/batch', {
			operations,
		});
		expect(status).toBe(400);
		expect(body.details).toEqual({ field: 'operations' });
	});

	test('batch results follow operation order', async () => {
		const { body } = await call('POST', '/erp/connections/conn_sap01/orders/batch', {
			operations: [
				{ action: 'create', id: 'ord_keep', data: { n: 1 } },
				{ action: 'create', id: 'ord_keep', data: { n: 2 } },
				{ action: 'archive', id: 'ord_keep' },
				{ action: 'delete', id: 'ord_keep' },
			],
		});
		expect(body.data.map((result: { success: boolean }) => result.success)).toEqual([
			true,
			false,
			false,
			true,
		]);
		expect(body.data.map((result: { error_code: string | null }) => result.error_code)).toEqual([
			null,
			'CONFLICT',
			'VALIDATION_ERROR',
			null,
		]);
	});

	test('sync limit must be 1 to 1000', async () => {
		for (const limit of [0, 1001, 2.5]) {
			const { status, body } = await call('POST', '/erp/connections/conn_sap01/customers/sync', {
				limit,
			});
			expect(status).toBe(400);
			expect(body.details).toEqual({ field: 'limit' });
		}
		const { status } = await call('POST', '/erp/connections/conn_sap01/customers/sync', {
			limit: 1000,
		});
		expect(status).toBe(200);
	});

	test('changes feed ids grow and work as a cursor', async () => {
		const first = await call('GET', '/sync/changes?limit=3');
		const ids = first.body.data.map((change: { id: number }) => change.id);
		expect(ids).toEqual([1, 2, 3]);
		expect(first.body.next_page).toBe('3');

		const next = await call('GET', `/sync/changes?limit=2&starting_after=${first.body.next_page}`);
		expect(next.body.data.map((change: { id: number }) => change.id)).toEqual([4, 5]);

		const invalid = await call('GET', '/sync/changes?starting_after=abc');
		expect(invalid.status).toBe(400);
	});

	test('reserved fields cannot be written', async () => {
		const { status, body } = await call('POST', '/erp/connections/conn_sap01/customers', {
			updated_at: '2020-01-01T00:00:00Z',
		});
		expect(status).toBe(400);
		expect(body.details).toEqual({ field: 'updated_at' });
	});
});
