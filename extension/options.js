// The options page: where Newsmark runs, checked and kept (settings.js).

const form = document.getElementById('settings');
const input = document.getElementById('address');
const status = document.getElementById('status');

readAddress().then((address) => {
  input.value = address;
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const checked = checkAddress(input.value);
  if (checked.error) {
    status.className = 'error';
    status.textContent = checked.error;
    return;
  }
  await writeAddress(checked.address);
  input.value = checked.address;
  status.className = '';
  status.textContent = `Saved. Captured pages open in Newsmark at ${checked.address}`;
});
