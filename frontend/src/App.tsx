import type { ReactElement } from "react";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { AuthProvider } from "./auth";
import { Layout } from "./components/Layout";
import { I18nProvider } from "./i18n";
import { DocumentPage } from "./pages/DocumentPage";
import { DocumentEditor } from "./pages/documents/DocumentEditor";
import { DocumentsHub } from "./pages/documents/DocumentsHub";
import { ImportPage } from "./pages/documents/ImportPage";
import { UploadPage } from "./pages/documents/UploadPage";
import { AnnouncementPage } from "./pages/lists/AnnouncementPage";
import { AnnouncementsPage } from "./pages/lists/AnnouncementsPage";
import { SystematizationPage } from "./pages/lists/SystematizationPage";
import { NotFound } from "./pages/NotFound";
import { SearchPage } from "./pages/SearchPage";
import { AnnouncementEditor } from "./pages/workspace/AnnouncementEditor";
import { AnnouncementsAdmin } from "./pages/workspace/AnnouncementsAdmin";
import { Dashboard } from "./pages/workspace/Dashboard";
import { LoginPage } from "./pages/workspace/LoginPage";
import { Notifications } from "./pages/workspace/Notifications";
import { RecommendationsBoard } from "./pages/workspace/RecommendationsBoard";
import { RequireStaff } from "./pages/workspace/RequireStaff";
import { ReviewForm } from "./pages/workspace/ReviewForm";
import { ReviewQueue } from "./pages/workspace/ReviewQueue";

const staff = (page: ReactElement) => <RequireStaff>{page}</RequireStaff>;

export function AppRoutes() {
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<SearchPage />} />
        <Route path="/van-ban/:id" element={<DocumentPage />} />
        <Route path="/danh-muc" element={<AnnouncementsPage />} />
        <Route path="/danh-muc/:id" element={<AnnouncementPage />} />
        <Route path="/he-thong-hoa" element={<SystematizationPage />} />
        <Route path="/can-bo/dang-nhap" element={<LoginPage />} />
        <Route path="/can-bo" element={staff(<Dashboard />)} />
        <Route path="/can-bo/ra-soat" element={staff(<ReviewQueue />)} />
        <Route path="/can-bo/ra-soat/:id" element={staff(<ReviewForm />)} />
        <Route path="/can-bo/kien-nghi" element={staff(<RecommendationsBoard />)} />
        <Route path="/can-bo/thong-bao" element={staff(<Notifications />)} />
        <Route path="/can-bo/danh-muc" element={staff(<AnnouncementsAdmin />)} />
        <Route path="/can-bo/danh-muc/:id" element={staff(<AnnouncementEditor />)} />
        <Route path="/can-bo/van-ban" element={staff(<DocumentsHub />)} />
        <Route path="/can-bo/van-ban/moi" element={staff(<DocumentEditor />)} />
        <Route path="/can-bo/van-ban/tai-len" element={staff(<UploadPage />)} />
        <Route path="/can-bo/van-ban/nhap" element={staff(<ImportPage />)} />
        <Route path="/can-bo/van-ban/:id/sua" element={staff(<DocumentEditor />)} />
        <Route path="*" element={<NotFound />} />
      </Routes>
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
