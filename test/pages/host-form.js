// Records whether the host page's own form was submitted (it must not be, from inside the widget).
window.hostSubmissions = [];
document.getElementById('aspnetForm').addEventListener('submit', (e) => {
  e.preventDefault();
  window.hostSubmissions.push([...new FormData(e.target).keys()]);
});
