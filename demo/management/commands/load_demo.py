from django.conf import settings
from django.core.management.base import BaseCommand

from demo.services import demo_load


class Command(BaseCommand):
    help = "Load the starter course, demo log-ins and some demo progress. Safe to run again."

    def handle(self, *args, **options):
        logins = demo_load()
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"Demo content is ready. Sign in at {base}/accounts/login/"))
        width = max(len(login.role) for login in logins)
        email_width = max(len(login.email) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.role:<{width}}  {login.email:<{email_width}}  password: {login.password}")
        self.stdout.write(f"  Trainers and administrators also use the CMS at {base}/admin/")
        self.stdout.write(f"  Clinic managers and trainers follow their teams at {base}/manage/")
