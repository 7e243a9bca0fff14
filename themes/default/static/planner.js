/* hirebook: the interview planner on roles/index.html. */
(function () {
  "use strict";
})();
