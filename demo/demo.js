// The foundation's client at work in a plain page: the service list of the local server.
// (The elements replace this as they land.)
import { Open311Client } from '/dist/open311.js';

const endpoint = `http://${location.hostname}:8311/open311/v2/`;
const status = document.getElementById('status');
const list = document.getElementById('services');
const client = new Open311Client({ endpoint });

try {
  const services = await client.services();
  const groups = new Map();
  for (const s of services) {
    for (const g of s.groups.length ? s.groups : ['Other']) {
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(s);
    }
  }
  for (const [group, items] of groups) {
    const h = document.createElement('h3');
    h.textContent = group;
    const ul = document.createElement('ul');
    for (const s of items) {
      const li = document.createElement('li');
      li.textContent = `${s.name} (${s.code})${s.description ? ` – ${s.description}` : ''}`;
      ul.append(li);
    }
    list.append(h, ul);
  }
  status.textContent = `${services.length} services from ${endpoint} (format: ${client.format}).`;
} catch (e) {
  status.textContent = `Could not load the services: ${e.message}`;
}
