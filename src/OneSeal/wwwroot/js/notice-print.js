// The print view of a notice (/hall/notices/{id}/print): the 打印 button, and ?auto=1 opening the dialog at once.
document.addEventListener('DOMContentLoaded', () => {
    const button = document.getElementById('print');
    if (button) button.addEventListener('click', () => window.print());
    if (document.body.dataset.autoPrint === '1') window.print();
});
