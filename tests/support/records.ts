/** The fields every test node needs beyond id, kind and title: stamps, empty lists, a status. */
export const NODE_BASE = {
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 't',
  updatedBy: 't',
  description: '',
  tags: [],
  sources: [],
  fields: {},
  status: 'reported' as const
}
