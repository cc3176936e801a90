import { lazy, Suspense, type ReactElement } from "react";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { AuthProvider, type Capability } from "./auth";
import { Layout } from "./components/Layout";
import { I18nProvider, useI18n } from "./i18n";
import { DocumentPage } from "./pages/DocumentPage";
import { AnnouncementPage } from "./pages/lists/AnnouncementPage";
import { AnnouncementsPage } from "./pages/lists/AnnouncementsPage";
import { NotFound } from "./pages/NotFound";
import { SearchPage } from "./pages/SearchPage";
import { LoginPage } from "./pages/workspace/LoginPage";
import { RequireStaff } from "./pages/workspace/RequireStaff";

// The officers' pages (and the heavier public ones) load on first use, so the public search page starts
// with less JavaScript (bench/web_pages.mjs).
const DocumentEditor = lazy(() => import("./pages/documents/DocumentEditor").then((m) => ({ default: m.DocumentEditor })));
const DocumentsHub = lazy(() => import("./pages/documents/DocumentsHub").then((m) => ({ default: m.DocumentsHub })));
const ImportPage = lazy(() => import("./pages/documents/ImportPage").then((m) => ({ default: m.ImportPage })));
const UploadPage = lazy(() => import("./pages/documents/UploadPage").then((m) => ({ default: m.UploadPage })));
const AnnouncementEditor = lazy(() => import("./pages/workspace/AnnouncementEditor").then((m) => ({ default: m.AnnouncementEditor })));
const AnnouncementsAdmin = lazy(() => import("./pages/workspace/AnnouncementsAdmin").then((m) => ({ default: m.AnnouncementsAdmin })));
const Dashboard = lazy(() => import("./pages/workspace/Dashboard").then((m) => ({ default: m.Dashboard })));
const Notifications = lazy(() => import("./pages/workspace/Notifications").then((m) => ({ default: m.Notifications })));
const RecommendationsBoard = lazy(() => import("./pages/workspace/RecommendationsBoard").then((m) => ({ default: m.RecommendationsBoard })));
const PlanPage = lazy(() => import("./pages/workspace/PlanPage").then((m) => ({ default: m.PlanPage })));
const PlansPage = lazy(() => import("./pages/workspace/PlansPage").then((m) => ({ default: m.PlansPage })));
const ReviewForm = lazy(() => import("./pages/workspace/ReviewForm").then((m) => ({ default: m.ReviewForm })));
const ReviewQueue = lazy(() => import("./pages/workspace/ReviewQueue").then((m) => ({ default: m.ReviewQueue })));
const OrganisationsPage = lazy(() => import("./pages/workspace/organisations/OrganisationsPage").then((m) => ({ default: m.OrganisationsPage })));
const SynonymsPage = lazy(() => import("./pages/workspace/synonyms/SynonymsPage").then((m) => ({ default: m.SynonymsPage })));
const ConfirmPage = lazy(() => import("./pages/watching/ConfirmPage").then((m) => ({ default: m.ConfirmPage })));
const UnsubscribePage = lazy(() => import("./pages/watching/UnsubscribePage").then((m) => ({ default: m.UnsubscribePage })));
const SystematizationPage = lazy(() => import("./pages/lists/SystematizationPage").then((m) => ({ default: m.SystematizationPage })));

const staff = (page: ReactElement, need?: Capability) => <RequireStaff need={need}>{page}</RequireStaff>;

function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t("common.loading")}</p>;
}

export function AppRoutes() {
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={<SearchPage />} />
        <Route path="/van-ban/:id" element={<DocumentPage />} />
        <Route path="/danh-muc" element={<AnnouncementsPage />} />
        <Route path="/danh-muc/:id" element={<AnnouncementPage />} />
        <Route path="/he-thong-hoa" element={<SystematizationPage />} />
        <Route path="/theo-doi/xac-nhan" element={<ConfirmPage />} />
        <Route path="/theo-doi/huy" element={<UnsubscribePage />} />
        <Route path="/can-bo/dang-nhap" element={<LoginPage />} />
        <Route path="/can-bo" element={staff(<Dashboard />)} />
        <Route path="/can-bo/ra-soat" element={staff(<ReviewQueue />)} />
        <Route path="/can-bo/ra-soat/:id" element={staff(<ReviewForm />)} />
        <Route path="/can-bo/ke-hoach" element={staff(<PlansPage />)} />
        <Route path="/can-bo/ke-hoach/:id" element={staff(<PlanPage />)} />
        <Route path="/can-bo/kien-nghi" element={staff(<RecommendationsBoard />)} />
        <Route path="/can-bo/thong-bao" element={staff(<Notifications />)} />
        <Route path="/can-bo/danh-muc" element={staff(<AnnouncementsAdmin />)} />
        <Route path="/can-bo/danh-muc/:id" element={staff(<AnnouncementEditor />)} />
        <Route path="/can-bo/van-ban" element={staff(<DocumentsHub />)} />
        <Route path="/can-bo/van-ban/moi" element={staff(<DocumentEditor />, "documents.write")} />
        <Route path="/can-bo/van-ban/tai-len" element={staff(<UploadPage />, "documents.upload")} />
        <Route path="/can-bo/van-ban/nhap" element={staff(<ImportPage />, "documents.import")} />
        <Route path="/can-bo/van-ban/:id/sua" element={staff(<DocumentEditor />, "documents.write")} />
        <Route path="/can-bo/co-quan" element={staff(<OrganisationsPage />, "organisations.write")} />
        <Route path="/can-bo/tu-dong-nghia" element={staff(<SynonymsPage />, "synonyms.write")} />
        <Route path="*" element={<NotFound />} />
      </Routes>
      </Suspense>
    </Layout>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
